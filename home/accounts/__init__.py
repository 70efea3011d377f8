"""Editor accounts: sign-in lockout (django-axes), two-step sign-in for the admin (django-otp)
and limits on guessing the passwords of protected pages and documents.

Part of `home` because every app's admin relies on it; its admin screens are registered by
`home/wagtail_hooks.py` and its deploy checks by `HomeConfig.ready`.
"""
