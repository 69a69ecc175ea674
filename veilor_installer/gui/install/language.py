"""Language & keyboard: the language of the installed system, and the console keymap, which is
also the layout the LUKS passphrase is typed in at boot (so it is chosen before the passphrase).

Both lists are searchable (:class:`veilor_installer.gui.widgets.choicelist.ChoiceList`). The lists
are built in a worker: reading them and naming ~700 entries
through QLocale costs more than the GUI thread may stall.
"""

from __future__ import annotations

import re
import unicodedata

from PyQt6.QtCore import QLocale
from PyQt6.QtGui import QFontDatabase

from veilor_installer.core import i18n
from veilor_installer.core.i18n import N_
from veilor_installer.core.install import localedata, localenames
from veilor_installer.core.install.localedata import keymap_name
from veilor_installer.core.log import get_logger
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.widgets.choicelist import Choice, ChoiceList, choice
from veilor_installer.gui.workers import load_in_worker

log = get_logger("gui.language")

# --- the lists --------------------------------------------------------------------------------

_LOCALE = re.compile(
    r"^(?P<lang>[a-z]{2,3})(?:_(?P<territory>[A-Z]{2}))?\.UTF-8(?:@(?P<mod>[a-z]+))?$"
)
_SCRIPT_MODIFIERS = {
    "latin": QLocale.Script.LatinScript,
    "cyrillic": QLocale.Script.CyrillicScript,
    "devanagari": QLocale.Script.DevanagariScript,
}


def in_language(locale: str, ui: str, english: str) -> str:
    """A locale named in the wizard's language ``ui``, by the system's iso-codes translations:
    ``de_DE.UTF-8`` in Russian → "Немецкий (Германия)"; in English (or where they lack the
    names) ``english``, its English name from :func:`language_names`."""
    match = _LOCALE.match(locale)
    if ui == i18n.SOURCE_LANGUAGE or match is None:
        return english
    language = QLocale.codeToLanguage(match["lang"])
    if language == QLocale.Language.AnyLanguage:
        return english
    name = (localenames.language_by_code(match["lang"], ui)
            or localenames.language_name(QLocale.languageToString(language), ui))
    name = name[:1].upper() + name[1:]  # iso-codes writes Russian language names lower-case
    detail = []
    if match["mod"] in _SCRIPT_MODIFIERS:
        detail.append(localenames.script_name(
            QLocale.scriptToString(_SCRIPT_MODIFIERS[match["mod"]]), ui))
    if match["territory"]:
        territory = QLocale.codeToTerritory(match["territory"])
        detail.append(localenames.territory_by_code(match["territory"], ui)
                      or localenames.territory_name(QLocale.territoryToString(territory), ui))
    if match["mod"] and match["mod"] not in _SCRIPT_MODIFIERS:
        detail.append(match["mod"])
    shown = ", ".join(d for d in detail if d)
    return f"{name} ({shown})" if shown else name


def language_names(locale: str) -> tuple[str, str]:
    """A locale named in its own language and in English, by Qt's CLDR data:
    ``de_DE.UTF-8`` → ("Deutsch (Deutschland)", "German (Germany)"). Languages Qt does not know
    (glibc has a few more) keep their code: ("agr (Peru)", "agr (Peru)")."""
    match = _LOCALE.match(locale)
    if match is None:
        return locale, locale
    code, modifier = match["lang"], match["mod"]
    language = QLocale.codeToLanguage(code)
    territory = (QLocale.codeToTerritory(match["territory"]) if match["territory"]
                 else QLocale.Country.AnyTerritory)
    script = _SCRIPT_MODIFIERS.get(modifier or "", QLocale.Script.AnyScript)
    english_territory = ("" if territory == QLocale.Country.AnyTerritory
                         else QLocale.territoryToString(territory))
    if language == QLocale.Language.AnyLanguage:
        english = native = code
        native_territory = english_territory
    else:
        named = QLocale(language, script, territory)
        english = QLocale.languageToString(language)
        native = named.nativeLanguageName() or english
        native_territory = (named.nativeTerritoryName() if named.territory() == territory
                            else english_territory)
    english_detail, native_detail = [], []
    if modifier in _SCRIPT_MODIFIERS:
        english_detail.append(QLocale.scriptToString(script))
    english_detail.append(english_territory)
    native_detail.append(native_territory)
    if modifier and modifier not in _SCRIPT_MODIFIERS:  # "valencia", "saaho" …
        english_detail.append(modifier)
        native_detail.append(modifier)

    def named_with(name: str, parts: list[str]) -> str:
        detail = ", ".join(p for p in parts if p)
        return f"{name} ({detail})" if detail else name

    return named_with(native, native_detail), named_with(english, english_detail)


_WS = QFontDatabase.WritingSystem
# Unicode's script word in a character's name → the font writing systems that can show it.
_SCRIPT_SYSTEMS: dict[str, frozenset[QFontDatabase.WritingSystem]] = {
    **{system.name.upper(): frozenset({system}) for system in (
        _WS.Latin, _WS.Greek, _WS.Cyrillic, _WS.Armenian, _WS.Hebrew, _WS.Arabic, _WS.Syriac,
        _WS.Thaana, _WS.Devanagari, _WS.Bengali, _WS.Gurmukhi, _WS.Gujarati, _WS.Oriya,
        _WS.Tamil, _WS.Telugu, _WS.Kannada, _WS.Malayalam, _WS.Sinhala, _WS.Thai, _WS.Lao,
        _WS.Tibetan, _WS.Myanmar, _WS.Georgian, _WS.Khmer, _WS.Nko, _WS.Ogham, _WS.Runic)},
    "CJK": frozenset({_WS.SimplifiedChinese, _WS.TraditionalChinese, _WS.Japanese}),
    "HIRAGANA": frozenset({_WS.Japanese}),
    "KATAKANA": frozenset({_WS.Japanese}),
    "HANGUL": frozenset({_WS.Korean}),
}


def readable(text: str, systems: frozenset[QFontDatabase.WritingSystem]) -> bool:
    """Whether the installed fonts (their ``systems``) can show ``text``. A bootstrap ISO may
    lack the fonts of many scripts: their names would be boxes, and Qt warns about each."""
    for ch in text:
        if unicodedata.category(ch)[0] not in "LM":
            continue
        needs = _SCRIPT_SYSTEMS.get(unicodedata.name(ch, "").split(" ", 1)[0])
        if needs is not None and not needs & systems:
            return False
    return True


def language_choices(systems: frozenset[QFontDatabase.WritingSystem] | None = None,
                     ui: str = i18n.SOURCE_LANGUAGE) -> list[Choice]:
    """Every locale of :func:`localedata.locales`, as "Deutsch (Deutschland) — German (Germany)"
    (the second name in the wizard's language ``ui``), sorted by the English name: the order
    stays when the wizard switches language, under a person moving through the list with the
    arrow keys (each step switches). The name in its own language is left out where the fonts
    (``systems``, all when None) cannot show it; it can still be searched for, as can the
    English name."""
    rows = []
    for locale in localedata.locales():
        native, english = language_names(locale)
        ours = in_language(locale, ui, english)
        shown = native if systems is None or readable(native, systems) else ours
        text = ours if shown == ours else f"{native} — {ours}"
        rows.append((english.casefold(), locale, choice(locale, text, native, english)))
    return [row[2] for row in sorted(rows)]


def keyboard_choices(ui: str = i18n.SOURCE_LANGUAGE) -> list[Choice]:
    """Every console keymap, as "German (no dead keys) — de-nodeadkeys" (the name in the
    wizard's language ``ui`` where xkeyboard-config has it), sorted by the English name (an order
    that stays through a switch); the English name can be searched for too."""
    rows = []
    for keymap in localedata.keymaps():
        english = keymap_name(keymap)
        name = localenames.keyboard_name(english, ui)
        rows.append((english.casefold(), keymap, choice(
            keymap, f"{name} — {keymap}", english, *localedata.x_layouts_of(keymap))))
    return [row[2] for row in sorted(rows)]


# --- the page ---------------------------------------------------------------------------------


class LanguagePage(InstallWizardPage):
    FORM = "language.ui"
    TITLE = N_("Language & keyboard")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("The keyboard layout chosen here is also the one you type "
                                    "the disk passphrase with at boot."))
        self.languages = ChoiceList(
            self.ui.languageFilter, self.ui.languageList, self.ui.languageStatus,
            chosen_text=N_("Language: {text}."),
            no_match_text=N_("No language matches “{text}”."),
            loading_text=N_("Loading the languages…"))
        self.keyboards = ChoiceList(
            self.ui.keyboardFilter, self.ui.keyboardList, self.ui.keyboardStatus,
            chosen_text=N_("Keyboard: {text}."),
            no_match_text=N_("No keyboard layout matches “{text}”."),
            loading_text=N_("Loading the keyboard layouts…"))
        self.languages.chosen.connect(self._language_chosen)
        self.keyboards.chosen.connect(self._keyboard_chosen)
        self.keymap_picked = False
        """True once the person chose a keymap here: a language change no longer moves it."""
        self.loading = False
        self.load_error: BaseException | None = None
        self._load_count = 0
        """Loads started: only the newest one's result counts (a switch starts another)."""
        """The language the lists are named in (a newer switch makes an older load stale)."""
        # The lists' names in the new language: built again after a switch.
        on_language(self, "lists", self._names_again, now=False)

    def _names_again(self) -> None:
        if self.loaded or self.loading:
            self._load()

    @property
    def loaded(self) -> bool:
        return self.languages.loaded and self.keyboards.loaded

    def initializePage(self) -> None:
        if self.loaded:
            self.languages.select(self.state.language)
            self.keyboards.select(self.state.keyboard)
            self.revalidate()
        elif not self.loading:
            self._load()

    def _load(self) -> None:
        self.loading = True
        self.load_error = None
        self._load_count += 1
        mine = self._load_count
        ui = i18n.language() if i18n.language() not in i18n.PSEUDO_LANGUAGES else "en"
        if not self.loaded:
            self.revalidate()

        def done(result: tuple[list[Choice], list[Choice]]) -> None:
            if mine != self._load_count:
                return  # named in a language switched away from since
            languages, keyboards = result
            self.loading = False
            self.languages.set_choices(languages)
            self.keyboards.set_choices(keyboards)
            self.languages.select(self.state.language)
            self.keyboards.select(self.state.keyboard)
            self.revalidate()

        def failed(exc: BaseException) -> None:
            if mine != self._load_count:
                return
            self.loading = False
            self.load_error = exc  # worded when shown, in the language then in use
            self.revalidate()

        systems = frozenset(QFontDatabase.writingSystems())  # the font database: GUI thread
        load_in_worker(self, lambda: (language_choices(systems, ui), keyboard_choices(ui)), done,
                       failed)

    def _language_chosen(self, locale: str) -> None:
        self.state.language = locale
        # The wizard speaks it from now on (English when it has no catalogue), unless a
        # pseudo-language is in use: that is kept for looking at the layouts.
        if locale and i18n.language() not in i18n.PSEUDO_LANGUAGES:
            i18n.use(locale)
        if locale and not self.keymap_picked:
            keymap = localedata.default_keymap(locale)
            self.keyboards.select(keymap)
            self.state.keyboard = keymap
        self.revalidate()

    def _keyboard_chosen(self, keymap: str) -> None:
        self.keymap_picked = True
        self.state.keyboard = keymap
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.load_error:
            return {"language": tr("Could not read the lists of languages and keyboard layouts: "
                                   "{why}").format(why=str(self.load_error))}
        if not self.loaded:
            return {"loading": tr("Loading…")}
        found = {}
        if not localedata.is_locale(self.state.language):
            found["language"] = tr("Choose a language from the list.")
        if not localedata.is_keymap(self.state.keyboard):
            found["keyboard"] = tr("Choose a keyboard layout from the list: it is the one you "
                                   "type the disk passphrase with at boot.")
        return found
