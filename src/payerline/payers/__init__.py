"""The payer directory: bundled sandbox payer files and IVR maps."""
