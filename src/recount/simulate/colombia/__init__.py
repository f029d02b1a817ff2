"""The Colombian world: Spanish names, departments and municipalities, dates of birth."""
