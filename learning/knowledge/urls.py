"""URLs of the knowledge base that are not Wagtail pages: the RSS and Atom feeds."""

from django.urls import path

from .feeds import LatestKnowledgeAtomFeed, LatestKnowledgeFeed

app_name = "knowledge"

urlpatterns = [
    path("kennisbank.rss", LatestKnowledgeFeed(), name="feed_rss"),
    path("kennisbank.atom", LatestKnowledgeAtomFeed(), name="feed_atom"),
]
