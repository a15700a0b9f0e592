"""The Telemonitoraggio tab and the team's alert inbox."""
