"""System checks of the seal's configuration (registered by minutes.apps)."""
