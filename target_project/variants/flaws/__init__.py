"""
Deliberately flawed code, wired into the reference deployment by the variant
settings modules of the parent package. NEVER USE ANY OF IT.

Each flaw is a habit met in tutorials, answers and real code bases, reduced to a
few lines. Everything else is inherited from the reference deployment, so valid
credentials keep working and only the flaw differs.
"""
