from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions


class TokenAuthentication(KnoxTokenAuthentication):
    """Knox's hashed, expiring tokens behind ``Authorization: Token <key>``.

    Knox decodes the key as UTF-8 and would crash on a header carrying other
    bytes; such a key is simply invalid.
    """

    def authenticate_credentials(self, token: bytes):
        try:
            token.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token) -> bool:
        """Refuse and delete this token if it has expired.

        Knox also loads every other token of the user here, on every
        request, to purge the expired ones: a cost that grows with the
        number of devices. Expired tokens are purged when a new one is made
        instead (``accounts.services.token_create``).
        """
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
