from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import profile_ensure


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile_for_new_user(sender, instance, created, raw, **kwargs):
    """Every user has a profile, however the user was created (API, admin,
    createsuperuser, import)."""
    if created and not raw:
        profile_ensure(user=instance)
