// The chat widget (being written).
