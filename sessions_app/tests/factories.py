import datetime

import factory
from django.utils import timezone

from sessions_app.models import MeditationSession, MeditationType


class MeditationSessionFactory(factory.django.DjangoModelFactory):
    """A session saved through the model, so local_date is computed as the
    API computes it. Pass ``user``; the zone defaults to UTC."""

    class Meta:
        model = MeditationSession

    meditation_type = MeditationType.MINDFULNESS
    duration = 10
    timezone = "UTC"
    started_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
