"""What a letter shows of its organisations and signers: the letterhead (logos, names,
contact lines) and the images of the assets folder, each checked where the data names
it, or where a template does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..document import ImageFile, Part, image_sources
from ..errors import Problem, TemplateError
from ..text import escape_markdown
from ..workspace.assets import HINT, AssetRefused, read_image
from .markdown import key_mark
from .templating import Md

NO_IMAGE = Md("")


@dataclass(frozen=True)
class LetterheadOrg:
    """An organisation at the top of the letter: its name, its logo (Markdown, or
    empty) and its contact line (address, website, email), if it has one. Printed
    alone it is its name."""

    id: str
    name: str
    logo: Md
    contact: str | None

    def __str__(self) -> str:
        return self.name

    @property
    def mark(self) -> Md:
        """The invisible mark of the organisation (``org:ID``), which pairs it with its
        translation side by side."""
        return Md(key_mark(f"org:{self.id}"))


def image_markdown(src: str, alt: str) -> Md:
    """An image of the assets folder as Markdown: ``![alt](assets/x.svg)``."""
    return Md(f"![{escape_markdown(alt)}]({src})")


def website(url: str) -> str:
    """A web address as a letterhead prints it: ``www.example.org``."""
    return url.split("://", 1)[-1].rstrip("/")


def document_images(
    root: Path, checked: dict[str, ImageFile], parts: list[Part], template: Path | None
) -> dict[str, ImageFile]:
    """The images the parts show: those ``checked`` already (the logos and signatures of
    the records, checked where the data names them), and any the ``template`` names
    itself, checked here (the workspace at ``root``)."""
    found: dict[str, ImageFile] = {}
    for src in image_sources(parts):
        image = checked.get(src)
        if image is None:
            try:
                image = read_image(root, src)
            except AssetRefused as exc:
                where = f"{src}:{exc.line}" if exc.line else src
                raise TemplateError(
                    [Problem(f"image {where} {exc.message}", template, hint=HINT)]
                ) from None
        found[src] = image
    return found
