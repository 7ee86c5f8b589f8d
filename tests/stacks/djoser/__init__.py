"""djoser reference stack: djoser's token login and logout (DRF tokens) and its JWT routes (simplejwt)."""
