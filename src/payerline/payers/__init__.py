"""The payer directory: bundled sandbox payer files and IVR maps."""

from payerline.payers.inputs import missing_inputs, required_inputs

__all__ = ["missing_inputs", "required_inputs"]
