"""What changed for participants, in plain Dutch: "De bijeenkomst begint nu om 10:00 in plaats
van 09:30". Compares two ``ical.calendar_state`` values (the stored state of an earlier
publication and the event now)."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

DAY = "l j F Y"
DAY_AND_TIME = "l j F Y, H:i"
TIME = "H:i"


def _local(value: str) -> datetime:
    return timezone.localtime(datetime.fromisoformat(value))


def _place(state: dict) -> str:
    return ", ".join(part for part in (state["location_name"], state["location_address"]) if part)


def _when_lines(before: dict, after: dict) -> list[str]:
    old_start, new_start = _local(before["starts_at"]), _local(after["starts_at"])
    old_end, new_end = _local(before["ends_at"]), _local(after["ends_at"])
    lines = []
    if before["all_day"] or after["all_day"]:
        if (old_start.date(), old_end.date(), before["all_day"]) != (
            new_start.date(),
            new_end.date(),
            after["all_day"],
        ):
            new = date_format(new_start, DAY)
            if new_end.date() != new_start.date():
                new = f"{new} – {date_format(new_end, DAY)}"
            old = date_format(old_start, DAY)
            if old_end.date() != old_start.date():
                old = f"{old} – {date_format(old_end, DAY)}"
            lines.append(
                _("De bijeenkomst is nu op %(new)s in plaats van %(old)s.")
                % {"new": new, "old": old}
            )
        return lines
    if new_start != old_start:
        if new_start.date() == old_start.date():
            lines.append(
                _("De bijeenkomst begint nu om %(new)s in plaats van %(old)s.")
                % {"new": date_format(new_start, TIME), "old": date_format(old_start, TIME)}
            )
        else:
            lines.append(
                _("De bijeenkomst is verplaatst naar %(new)s (was %(old)s).")
                % {
                    "new": date_format(new_start, DAY_AND_TIME),
                    "old": date_format(old_start, DAY_AND_TIME),
                }
            )
    if new_end - new_start != old_end - old_start:
        same_day = new_end.date() == old_end.date()
        fmt = TIME if same_day else DAY_AND_TIME
        lines.append(
            _("De bijeenkomst eindigt nu om %(new)s in plaats van %(old)s.")
            % {"new": date_format(new_end, fmt), "old": date_format(old_end, fmt)}
        )
    return lines


def change_lines(before: dict, after: dict, *, show_online: bool) -> list[str]:
    """One Dutch sentence per change between two calendar states. The online link itself
    only with ``show_online`` (people with a confirmed seat)."""
    if not before:  # published before states were stored
        return [_("De tijd, de plek of de status van de bijeenkomst is gewijzigd.")]
    if after["cancelled"] and not before["cancelled"]:
        return [_("De bijeenkomst gaat niet door.")]
    lines = []
    if before["cancelled"] and not after["cancelled"]:
        lines.append(_("De bijeenkomst gaat toch door."))
    lines += _when_lines(before, after)
    old_place, new_place = _place(before), _place(after)
    if new_place != old_place:
        if new_place and old_place:
            lines.append(
                _("De bijeenkomst is nu in %(new)s in plaats van %(old)s.")
                % {"new": new_place, "old": old_place}
            )
        elif new_place:
            lines.append(_("De bijeenkomst is nu in %(new)s.") % {"new": new_place})
        else:
            lines.append(_("De plek %(old)s vervalt.") % {"old": old_place})
    if after["online_url"] != before["online_url"]:
        if not after["online_url"]:
            lines.append(_("Online deelnemen is niet meer mogelijk."))
        elif show_online:
            lines.append(
                _("De link om online deel te nemen is nu: %(url)s") % {"url": after["online_url"]}
            )
        else:
            lines.append(_("De link om online deel te nemen is gewijzigd."))
    return lines or [_("De gegevens van de bijeenkomst zijn bijgewerkt.")]
