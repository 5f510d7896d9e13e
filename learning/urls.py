from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from learning.calendar import feeds as calendar_feeds
from learning.calendar import personal as calendar_personal
from learning.core import views as core_views
from learning.events import routing as event_routing

# The one folder of MEDIA_ROOT with public files: Wagtail's image renditions.
PUBLIC_MEDIA_DIR = "images"

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/", include("learning.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("zoeken/", home_views.search, name="search"),
    path("mijn-aanmeldingen/evaluatie/", include("learning.evaluations.urls")),
    path("mijn-aanmeldingen/", include("learning.events.urls")),
    path("deelnamebewijs/", include("learning.certificates.urls")),
    path("", include("learning.alerts.urls")),
    path("", include("learning.circles.urls")),
    path("", include("learning.profiles.urls")),
    path("", include("learning.knowledge.urls")),
    path("", include("learning.monitor.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Calendar feeds; before Wagtail's catch-all (the agenda page itself lives at /agenda/).
    path("agenda.ics", calendar_feeds.agenda_view, name="agenda_feed"),
    path(
        "agenda/persoonlijk/<slug:token>.ics",
        calendar_personal.personal_feed,
        name="personal_feed",
    ),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)agenda\.ics$",
        calendar_feeds.page_feed,
        name="event_feed",
    ),
    # Event pages' forms, found by URL path in two queries instead of Wagtail's walk down the
    # tree; any other page at such a path is still served by Wagtail (learning.core.routing).
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<route>register|cancel|handover|accept)/$",
        event_routing.page_route,
        name="event_route",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only image renditions are public files. Documents go through /documenten/ (which checks
    # private collections) and originals of images are never served, as in deploy/nginx.conf.
    urlpatterns += static(
        f"{settings.MEDIA_URL}{PUBLIC_MEDIA_DIR}/",
        document_root=settings.MEDIA_ROOT / PUBLIC_MEDIA_DIR,
    )

urlpatterns += [path("", include(wagtail_urls))]
