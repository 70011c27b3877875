"""Pure functions from data and view state to Dash components and figures."""
