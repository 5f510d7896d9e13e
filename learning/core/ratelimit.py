"""Rate limits for our own forms: one helper, limits per person and per address.

The limits live in ``settings.RATE_LIMITS`` in allauth's notation (``"10/m/user,30/h/ip"``:
amount / period (s, m, h, d, optionally with a number: ``5m``) / per ``user``, ``ip`` or
``key``). allauth keeps its own limits (login, sign-up, password reset) in
``ACCOUNT_RATE_LIMITS``; both count in the same cache and find the visitor's address the same
way, through the account adapter, so ``ALLAUTH_TRUSTED_PROXY_COUNT`` decides for both which
address behind the proxy is the visitor's.

Counters are fixed windows in the cache (``cache.add`` + ``cache.incr``: atomic in Redis and
in the per-process memory cache). With several workers the cache must be shared (CACHE_URL),
or every worker counts on its own.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# IPv6 visitors get a whole /64 each (what one household or office gets), as allauth does.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str  # "user", "ip" or "key"

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s/{self.per}"


def parse_rates(text: str) -> list[Rate]:
    """``"10/m/user,30/5m/ip"`` → two rates; a rate without ``per`` counts per address."""
    rates = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        amount, period, *rest = part.split("/")
        per = rest[0] if rest else "ip"
        if per not in ("user", "ip", "key"):
            raise ValueError(f"Unknown rate-limit source {per!r} in {text!r}")
        count = float(period[:-1]) if period[:-1] else 1
        rates.append(Rate(int(amount), int(count * UNITS[period[-1]]), per))
    return rates


def client_address(request) -> str:
    """The visitor's address as allauth sees it (behind the proxy: from X-Forwarded-For),
    IPv6 shortened to its /64."""
    address = get_adapter(request).get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def _source(request, rate: Rate, key: str | None) -> str | None:
    if rate.per == "user":
        user = getattr(request, "user", None)
        return f"user:{user.pk}" if user is not None and user.is_authenticated else None
    if rate.per == "ip":
        return f"ip:{client_address(request)}"
    return f"key:{key}" if key is not None else None


def rate_limit_consume(request, *, action: str, key: str | None = None) -> bool:
    """Count one attempt at ``action``; False when any of its limits is already used up.

    A limit per ``user`` does not apply to anonymous visitors (their address still counts), a
    limit per ``key`` only when a key is given (an e-mail address, say). Refused attempts
    count as well: hammering on does not shorten the wait.
    """
    allowed = True
    now = time.time()
    for rate in parse_rates(settings.RATE_LIMITS.get(action, "")):
        source = _source(request, rate, key)
        if source is None:
            continue
        digest = hashlib.sha256(source.encode()).hexdigest()[:32]
        window = int(now // rate.seconds)
        cache_key = f"rl:{action}:{rate}:{digest}:{window}"
        # The first attempt in a window (the usual case: one registration) costs one cache
        # operation; Django's Redis ``incr`` costs two (EXISTS and INCRBY).
        if cache.add(cache_key, 1, timeout=rate.seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.add(cache_key, 1, timeout=rate.seconds + 1)
                count = 1
        if count > rate.amount:
            allowed = False
    return allowed


def rate_limited_response(request):
    """429 with a Dutch page that says to wait; allauth's own refusals use the same page."""
    response = TemplateResponse(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def posted(field: str):
    """A ``key`` for ``rate_limited``: the posted value of ``field``, trimmed and in lower case
    (an e-mail address, so that ``Anna@x.nl`` and ``anna@x.nl`` count together)."""

    def key(request) -> str:
        return request.POST.get(field, "").strip().lower()

    return key


def rate_limited(action: str, *, key=None):
    """View decorator: POSTs to the view count towards ``action``; over the limit → 429.

    ``key`` is an optional function of the request that names what is limited per key (the
    e-mail address asked about, say). GETs (showing the form) are never limited.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not rate_limit_consume(
                request, action=action, key=key(request) if key else None
            ):
                return rate_limited_response(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
