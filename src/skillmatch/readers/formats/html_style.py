"""Whether an HTML element's text can be seen, from its computed style.

The HTML reader first applies the page's style sheets (``<style>``, classes, ids, ``!important``)
to every element with css-inline, so each element's ``style`` attribute holds its cascaded
declarations; :func:`element_style` then reads them, with what the element inherits from its
parent (:class:`Style`), as a browser would compute them: values are parsed (any colour syntax,
lengths in any unit), not matched against a list of strings. Text is hidden when it is not
rendered (``display``, ``visibility``, the ``hidden`` attribute), transparent (``opacity``, an
alpha near 0), of its background's colour (contrast ratio near 1), too small to read, moved
off the screen (positions, ``text-indent``, ``translate``), scaled to nothing (``transform``),
clipped away (``clip``, ``clip-path``) or squeezed into no room with its overflow hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["ROOT", "Style", "element_style"]

_MIN_CONTRAST = 1.25  # text and background closer than this (WCAG ratio; 1 = same colour)
_MIN_OPACITY = 0.1
_MIN_FONT_PX = 4.0 * 4 / 3  # 4 pt
_OFF_SCREEN_PX = 500.0  # a position or indent this far left or up is off the screen
_FAR_PX = 5000.0  # ... or this far right or down
_MIN_SCALE = 0.1
_MIN_BOX_PX = 2.0  # a box this small, its overflow hidden, shows nothing
_LENGTH = re.compile(r"^(-?(?:\d+\.?\d*|\.\d+))(px|pt|pc|em|rem|%|vw|vh|in|cm|mm|ex|ch)?$")
_UNIT_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 9.6 / 2.54}
_VIEWPORT_PX = 1280.0
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?%?", re.I)


@dataclass(frozen=True)
class Style:
    """What an element's text inherits: why it is hidden ("" when visible), its colour (RGBA,
    0-1), the nearest painted background (RGB) and the font size in px."""

    hidden: str = ""
    color: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 1.0)
    background: tuple[float, float, float] = (1.0, 1.0, 1.0)
    font_px: float = 16.0


ROOT = Style()
"""The page itself: black text on white, 16 px."""


def declarations(style: str) -> dict[str, str]:
    """The declarations of a ``style`` attribute, property -> value, as the cascade leaves
    them (a later one wins unless an earlier one is ``!important``)."""
    import tinycss2

    found: dict[str, tuple[str, bool]] = {}
    for decl in tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True):
        if decl.type != "declaration":
            continue
        value = tinycss2.serialize(decl.value).strip().lower()
        name = decl.lower_name
        if name in found and found[name][1] and not decl.important:
            continue
        found[name] = (value, decl.important)
    return {name: value for name, (value, _) in found.items()}


def _color(value: str) -> tuple[float, float, float, float] | None:
    from tinycss2.color3 import parse_color

    try:
        parsed: Any = parse_color(value)
    except Exception:  # a library boundary: an unreadable colour is no colour
        return None
    if parsed is None or isinstance(parsed, str):  # "currentColor": the inherited colour
        return None
    return (parsed.red, parsed.green, parsed.blue, parsed.alpha)


def _paint(value: str) -> tuple[float, float, float, float] | None:
    """The colour a ``background`` declaration paints (a component of the shorthand)."""
    whole = _color(value)
    if whole is not None:
        return whole
    if "url(" in value or "gradient(" in value:
        return (0.5, 0.5, 0.5, 1.0)  # an image: its colours are unknown, so not the page's
    for part in re.split(r"\s+(?![^(]*\))", value):
        found = _color(part)
        if found is not None:
            return found
    return None


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _over(color: tuple[float, float, float, float], under: tuple[float, float, float]) -> Any:
    alpha = color[3]
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(color[:3], under, strict=True))


def _px(value: str, font_px: float) -> float | None:
    """A length in px (``None`` for ``auto``, percentages of unknown boxes and the like)."""
    match = _LENGTH.match(value.strip())
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    if unit in ("em", "ex", "ch"):
        return number * font_px * (1.0 if unit == "em" else 0.5)
    if unit == "rem":
        return number * ROOT.font_px
    if unit in ("vw", "vh"):
        return number * _VIEWPORT_PX / 100
    if unit == "%":
        return None
    return number * _UNIT_PX[unit]


def _font_px(value: str | None, parent_px: float) -> float:
    if not value:
        return parent_px
    match = _LENGTH.match(value.strip())
    if match is not None and match.group(2) == "%":
        return float(match.group(1)) * parent_px / 100
    named = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0}
    if value in named:
        return named[value]
    px = _px(value, parent_px)
    return parent_px if px is None else px


def _numbers(value: str) -> list[float]:
    out = []
    for token in _NUMBER.findall(value):
        out.append(float(token[:-1]) / 100 if token.endswith("%") else float(token))
    return out


def _scaled_away(transform: str) -> bool:
    for name, args in re.findall(r"([a-z0-9]+)\(([^)]*)\)", transform):
        nums = _numbers(args)
        if name in ("scale", "scalex", "scaley", "scale3d") and any(
            abs(n) < _MIN_SCALE for n in nums
        ):
            return True
        if name == "matrix" and len(nums) >= 4:
            a, b, c, d = nums[:4]
            if abs(a * d - b * c) < _MIN_SCALE**2:
                return True
        if name.startswith("translate"):
            lengths = [_px(part, 16.0) for part in args.split(",")]
            if any(v is not None and (v <= -_OFF_SCREEN_PX or v >= _FAR_PX) for v in lengths):
                return True
    return False


def _clipped_away(clip: str | None, clip_path: str | None) -> bool:
    if clip and clip.startswith("rect("):
        nums = _numbers(clip)
        if (
            len(nums) == 4
            and abs(nums[2] - nums[0]) <= _MIN_BOX_PX
            and (abs(nums[1] - nums[3]) <= _MIN_BOX_PX)
        ):
            return True
    if clip_path:
        nums = _numbers(clip_path)
        if clip_path.startswith("inset(") and nums and max(nums) >= 0.5 and "%" in clip_path:
            return True
        if clip_path.startswith(("circle(", "ellipse(")) and nums and nums[0] == 0:
            return True
        if clip_path.startswith("polygon(") and nums and len(set(nums)) <= 1:
            return True
    return False


def _off_screen(decls: dict[str, str], font_px: float) -> bool:
    position = decls.get("position", "static")
    if position in ("absolute", "fixed", "relative"):
        for side in ("left", "top", "right", "bottom"):
            px = _px(decls.get(side, ""), font_px)
            if px is not None and (
                px <= -_OFF_SCREEN_PX or (side in ("left", "top") and px >= _FAR_PX)
            ):
                return True
    for prop in ("text-indent", "margin-left", "margin-top"):
        px = _px(decls.get(prop, ""), font_px)
        if px is not None and (px <= -_OFF_SCREEN_PX or px >= _FAR_PX):
            return True
    return False


def _no_room(decls: dict[str, str], font_px: float) -> bool:
    overflow = decls.get("overflow", "") + " " + decls.get("overflow-x", "")
    overflow += " " + decls.get("overflow-y", "")
    if "hidden" not in overflow and "clip" not in overflow:
        return False
    for prop in ("height", "max-height", "width", "max-width"):
        px = _px(decls.get(prop, ""), font_px)
        if px is not None and px < _MIN_BOX_PX:
            return True
    return False


def element_style(attrs: dict[str, str], parent: Style) -> Style:
    """The style of an element with ``attrs`` (its computed ``style`` attribute among them)
    under ``parent``: what it inherits, and why its text is hidden."""
    decls = declarations(attrs.get("style") or "") if attrs.get("style") else {}
    font_px = _font_px(decls.get("font-size"), parent.font_px)
    color = parent.color
    own_color = _color(decls["color"]) if "color" in decls else None
    if own_color is None and attrs.get("color"):
        own_color = _color(attrs["color"])
    if own_color is not None:
        color = own_color
    background = parent.background
    paint_value = decls.get("background-color") or decls.get("background") or attrs.get("bgcolor")
    paint = _paint(paint_value) if paint_value else None
    if paint is not None and paint[3] > 0:
        background = _over(paint, parent.background)
    style = Style(parent.hidden, color, background, font_px)
    if parent.hidden:
        return style
    reason = _hidden_reason(attrs, decls, style)
    return Style(reason, color, background, font_px) if reason else style


def _hidden_reason(attrs: dict[str, str], decls: dict[str, str], style: Style) -> str:
    if "hidden" in attrs:
        return "hidden attribute"
    if decls.get("display") == "none":
        return "display: none"
    if decls.get("visibility") in ("hidden", "collapse"):
        return "visibility: hidden"
    opacity = _numbers(decls.get("opacity", ""))
    if opacity and opacity[0] < _MIN_OPACITY:
        return "transparent"
    if style.color[3] < _MIN_OPACITY:
        return "transparent"
    ink = _over(style.color, style.background)
    if _contrast(ink, style.background) < _MIN_CONTRAST:
        return "white text" if _luminance(ink) > 0.8 else "text the colour of its background"
    if style.font_px < _MIN_FONT_PX:
        return "tiny font"
    if _off_screen(decls, style.font_px) or _scaled_away(decls.get("transform", "")):
        return "off the screen"
    if _clipped_away(decls.get("clip"), decls.get("clip-path")):
        return "clipped away"
    if _no_room(decls, style.font_px):
        return "no room to show"
    return ""
