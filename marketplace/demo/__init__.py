"""The demo world: who is on the platform and which patents they hold, as plain data.

`catalogue` is the hand-written content (organisations, contacts, technology templates);
`world.build_world(seed)` turns it into a deterministic set of frozen dataclasses. Nothing in
this package touches the database: loading the world goes through the features' services.
"""
