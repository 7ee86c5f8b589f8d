"""Integrations shipped with drf-conformance for the frameworks it audits."""
