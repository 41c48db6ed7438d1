"""Operations: what /healthz needs to know about the running system."""
