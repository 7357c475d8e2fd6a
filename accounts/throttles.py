from rest_framework.throttling import AnonRateThrottle


class SignInRateThrottle(AnonRateThrottle):
    """Attempts to sign up, log in or obtain a token, counted per client
    address whoever the client claims to be, and stricter than the general
    anonymous rate: the guard against password guessing. With REDIS_URL set,
    every worker process counts in the same window."""

    scope = "sign_in"
