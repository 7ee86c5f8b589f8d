"""Developer tools of the repository (not shipped): generators of documentation from the code."""
