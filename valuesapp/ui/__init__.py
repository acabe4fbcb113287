"""The Flet app: one module per screen, a shell that lays them out for phone or desktop.

Views build controls from the read models services return and call services on events; they never
open a database session.
"""
