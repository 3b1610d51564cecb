"""Synchronisation between devices and the chamber's server (protocol, client, server)."""
