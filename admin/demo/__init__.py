"""The demo district: fictional schools and people for `flask seed-demo`."""
