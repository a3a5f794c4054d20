"""Email: the envelope, the SMTP settings, the plan of messages, sending and its journal."""
