from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "learning.circles"
    label = "circles"
    verbose_name = _("Leerkringen")

    def ready(self):
        from learning.calendar.registry import (
            PageFeed,
            PersonalFeedSource,
            register_page_feed,
            register_personal_source,
        )
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.outbox import renderers

        from . import demo, feeds, handlers, models, notifications, personal_data

        personal_data.register()
        register_personal_source(
            PersonalFeedSource(
                name="circles",
                aggregates=feeds.personal_feed_aggregates,
                state=feeds.personal_feed_state,
                add_items=feeds.add_meetings,
            )
        )
        register_page_feed(
            PageFeed(
                page_type=models.LearningCirclePage,
                content=feeds.circle_feed_content,
                public=False,
            )
        )
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
        renderers.kinds_register(notifications.KIND_LABELS)
        register_demo_loader(DemoLoader(name="circles", order=40, load=demo.load))
        from . import home_blocks

        home_blocks.register_blocks()
