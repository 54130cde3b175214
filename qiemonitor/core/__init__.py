"""Qt-free application logic: room state, polling, formatting, configuration."""
