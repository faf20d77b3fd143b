"""Reading a catalogue repository: YAML files, their schemas, and the model made from them."""
