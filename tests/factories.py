import factory
from allauth.account.models import EmailAddress
from faker import Faker

from learning.accounts.models import JobRole, User
from learning.organisations.models import Organisation, OrganisationKind

PASSWORD = "een-goed-wachtwoord-42"


# Faker (which factory_boy brings) for Dutch names.
DUTCH = Faker("nl_NL")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.GEMEENTE
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM9{n:03d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"ambtenaar{n}@gemeente.example")
    # Dutch names as Faker makes them, with the typographic apostrophe ("van ’t Erve"): a
    # straight one comes out of every template as &#x27;, and a test that looks for the name in
    # a page would then fail only for the few people whose name has one.
    full_name = factory.LazyFunction(
        lambda: factory.Faker._get_faker(locale="nl_NL").name().replace("'", "’")
    )
    organisation = factory.LazyFunction(
        lambda: Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).first()
    )
    job_role = JobRole.BELEID
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary address unless verified=False is passed."""
        if not create:
            return
        self.save()
        if extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
