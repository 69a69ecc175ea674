"""Time zone: searchable ("berl" → Europe/Berlin, "new york" → America/New_York), first set from
the chosen language's country until the person picks one, with the time it is there now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PyQt6.QtCore import QLocale, QTime, QTimer
from PyQt6.QtGui import QHideEvent, QShowEvent

from veilor_installer.core.i18n import N_
from veilor_installer.core.install import localedata
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.choicelist import Choice, ChoiceList, choice
from veilor_installer.gui.workers import load_in_worker


def utc_offset(moment: datetime) -> str:
    """``UTC+05:30`` for a moment in India."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def timezone_choices(now: datetime | None = None) -> list[Choice]:
    """Every zone of :func:`localedata.timezones`, as "America/New York — UTC-05:00" (the offset
    now, which is what the clock will show)."""
    now = now or datetime.now(UTC)
    return [choice(zone, f"{zone.replace('_', ' ')} — {utc_offset(now.astimezone(ZoneInfo(zone)))}")
            for zone in localedata.timezones()]


class TimezonePage(InstallWizardPage):
    FORM = "timezone.ui"
    TITLE = N_("Time zone")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("The clock of the installed system follows this time zone."))
        self.zones = ChoiceList(
            self.ui.timezoneFilter, self.ui.timezoneList, self.ui.timezoneStatus,
            chosen_text=N_("Time zone: {text}."),
            no_match_text=N_("No time zone matches “{text}”."),
            loading_text=N_("Loading the time zones…"))
        self.zones.chosen.connect(self._chosen)
        self.loading = False
        self.load_error = ""
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._show_time)

    def initializePage(self) -> None:
        if self.zones.loaded:
            self._apply_default()
        elif not self.loading:
            self._load()

    def _load(self) -> None:
        self.loading = True
        self.load_error = ""
        self.revalidate()

        def done(zones: list[Choice]) -> None:
            self.loading = False
            self.zones.set_choices(zones)
            self._apply_default()

        def failed(exc: BaseException) -> None:
            self.loading = False
            self.load_error = str(exc)
            self.revalidate()

        load_in_worker(self, timezone_choices, done, failed)

    def _apply_default(self) -> None:
        """Follow the language's country, unless the person chose a zone."""
        if not self.state.timezone_chosen:
            zone = localedata.default_timezone(self.state.language)
            if zone is not None:
                self.state.timezone = zone
        self.zones.select(self.state.timezone)
        self._show_time()
        self.revalidate()

    def _chosen(self, zone: str) -> None:
        self.state.timezone = zone
        self.state.timezone_chosen = bool(zone)
        self._show_time()
        self.revalidate()

    def _show_time(self) -> None:
        live(self.ui.localTime.setText, self._time_text)

    def _time_text(self) -> str:
        zone = self.state.timezone
        try:  # not is_timezone(): listing every zone costs ~50 ms, too much for this thread
            now = datetime.now(ZoneInfo(zone))
        except (ValueError, ZoneInfoNotFoundError):
            return ""
        locale = QLocale()
        return tr("In {zone} it is now {time} on {day} ({offset}).").format(
            zone=zone.replace("_", " "),
            time=locale.toString(QTime(now.hour, now.minute), QLocale.FormatType.ShortFormat),
            day=locale.dayName(now.isoweekday()),
            offset=utc_offset(now))

    def showEvent(self, event: QShowEvent | None) -> None:
        super().showEvent(event)
        self._show_time()
        self.clock.start()

    def hideEvent(self, event: QHideEvent | None) -> None:
        self.clock.stop()
        super().hideEvent(event)

    def problems(self) -> dict[str, str]:
        if self.load_error:
            return {"timezone": tr("Could not read the list of time zones: {why}").format(
                why=self.load_error)}
        if not self.zones.loaded:
            return {"loading": tr("Loading…")}
        if not localedata.is_timezone(self.state.timezone):
            return {"timezone": tr("Choose a time zone from the list.")}
        return {}
