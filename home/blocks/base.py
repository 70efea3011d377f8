"""What every block in every app shares: the folder its template lives in."""

# Block templates live under templates/components/streamfield/blocks/ (one file per block).
BLOCK_TEMPLATES = "components/streamfield/blocks"
