"""The served app's front door: the owner's sign-in, friends' feedback pages, and the headers and gate
that keep a stranger on the same network from seeing anything. An edge, like the views and the CLI."""
