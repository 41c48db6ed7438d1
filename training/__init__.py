"""Training and evaluation scripts for the shipped check-worthiness model (not part of the runtime package)."""
