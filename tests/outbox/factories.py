import factory

from learning.outbox.models import OutboxMessage, OutboxStatus


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A stored message in any state, for admin and flush tests; services queue the real ones."""

    class Meta:
        model = OutboxMessage

    kind = "registration_confirmed"
    to = factory.Sequence(lambda n: f"deelnemer{n}@gemeente.example")
    from_email = "Circulair Leren <noreply@circulairleren.example>"
    subject = "Uw aanmelding is bevestigd"
    text = "Tot ziens op 12 maart in Utrecht."
    status = OutboxStatus.QUEUED
