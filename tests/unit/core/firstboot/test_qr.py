"""QR decoding of webcam-like frames: a real code signed by ``mesh sign``, placed in 1280×720
scenes noisy, blurred, turned, warped, faint or small; frames without a code; both decoders,
and the fallback from zxing-cpp to zbar."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import qr
from veilor_installer.core.firstboot.qr import decode
from veilor_installer.demo.joincodes import make_signer
from veilor_installer.demo.scenes import HEIGHT, WIDTH, background, place


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, np.ndarray]:
    folder = tmp_path_factory.mktemp("qr")
    uri = make_signer(folder).sign_png(folder / "code.png")
    return uri, cv2.imread(str(folder / "code.png"))


def decoder(name: str) -> qr.FrameDecoder:
    try:
        return qr.FrameDecoder(name)
    except qr.NoDecoder as exc:  # pyzbar without the system zbar library
        pytest.skip(str(exc))


SCENES = {
    "clean": {},
    "noisy": {"noise": 14.0},
    "blurred": {"blur": 2.0},
    "rotated 30°": {"angle": 30.0},
    "rotated 90°": {"angle": 90.0},
    "upside down": {"angle": 175.0},
    "perspective": {"perspective": 0.08},
    "low contrast": {"contrast": 0.25},
    "small": {"size": 190},
    "small and noisy": {"size": 220, "noise": 8.0},
}


@pytest.mark.parametrize("name", ["zxing-cpp", "zbar"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_codes_in_hard_scenes_are_read(code: tuple[str, np.ndarray], name: str,
                                       scene: str) -> None:
    uri, image = code
    read = decoder(name)
    for seed in range(3):
        frame = place(image, seed=seed, **SCENES[scene])  # type: ignore[arg-type]
        assert frame.shape == (HEIGHT, WIDTH, 3)
        assert [c.text for c in read(frame)] == [uri], f"{scene}, seed {seed}"


def test_zxing_reads_most_of_a_hard_mix(code: tuple[str, np.ndarray]) -> None:
    """Blurred, turned, faint, noisy and warped at once (deps.md §3 "hard mix"). The signed
    code is version 11 (61 modules): at 300 px every frame reads; at 260 px (4 px a module
    before the blur) most do, and a scan at 30 frames/s needs only one."""
    uri, image = code
    read = decoder("zxing-cpp")
    for size, least in ((300, 8), (260, 5)):
        frames = [place(image, seed=s, size=size, blur=1.5, angle=25, contrast=0.4, noise=10,
                        perspective=0.05) for s in range(8)]
        found = [[c.text for c in read(f)] for f in frames]
        assert all(texts in ([], [uri]) for texts in found)  # never a wrong text
        assert sum(texts == [uri] for texts in found) >= least, size


@pytest.mark.parametrize("name", ["zxing-cpp", "zbar"])
def test_frames_without_a_code_give_nothing(name: str) -> None:
    read = decoder(name)
    for seed in range(12):
        assert read(background(seed)) == []


def test_corners_locate_the_code(code: tuple[str, np.ndarray]) -> None:
    _, image = code
    for name in ("zxing-cpp", "zbar"):
        read = decoder(name)
        [found] = read(place(image, seed=1, size=400, centre=(300, 250)))
        xs, ys = zip(*found.corners, strict=True)
        assert len(found.corners) == 4
        # The symbol is the image less its 4-module white border: about 400 × 61/69 wide.
        assert abs(np.mean(xs) - 300) < 6 and abs(np.mean(ys) - 250) < 6
        assert 320 < max(xs) - min(xs) < 380


def test_flat_frames_are_skipped_before_decoding(code: tuple[str, np.ndarray]) -> None:
    uri, image = code
    read = decoder("zxing-cpp")
    for value in (0, 30, 255):
        assert read(np.full((HEIGHT, WIDTH, 3), value, np.uint8)) == []
    assert read.flat == 3 and read.frames == 3
    faint = place(image, seed=2, contrast=0.25)
    assert not decode.is_flat(decode.to_gray(faint))  # a faint code is never taken for a flat frame
    assert [c.text for c in read(faint)] == [uri] and read.flat == 3


def test_grey_and_bgra_frames_are_read(code: tuple[str, np.ndarray]) -> None:
    uri, image = code
    frame = place(image, seed=4)
    read = decoder("zxing-cpp")
    assert [c.text for c in read(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))] == [uri]
    assert [c.text for c in read(cv2.cvtColor(frame, cv2.COLOR_BGR2BGRA))] == [uri]


def test_zbar_is_the_fallback_without_zxing(monkeypatch: pytest.MonkeyPatch,
                                            code: tuple[str, np.ndarray]) -> None:
    uri, image = code
    decoder("zbar")  # skips when zbar itself cannot load
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # import zxingcpp → ImportError
    name, read = qr.make_decoder()
    assert name == "zbar"
    assert [c.text for c in read(decode.to_gray(place(image, seed=5)))] == [uri]


def test_no_decoder_at_all_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    monkeypatch.setitem(sys.modules, "pyzbar", None)
    with pytest.raises(qr.NoDecoder) as caught:
        qr.FrameDecoder()
    assert "zxing-cpp" in str(caught.value) and "zbar-libs" in str(caught.value)


def test_the_decoder_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_QR_DECODER", "zxing-cpp")
    assert qr.FrameDecoder().name == "zxing-cpp"
    monkeypatch.setenv("VEILOR_QR_DECODER", "opencv")
    with pytest.raises(InvalidInput, match="unknown 'opencv'"):
        qr.FrameDecoder()


def test_qr_png_is_private_and_qr_text_is_square(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    qr.qr_png("veilor:join?v=1", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert qr.distinct_texts(qr.decode_path(path)) == ["veilor:join?v=1"]
    lines = qr.qr_text("veilor:join?v=1").splitlines()
    assert len(lines) > 10 and len({len(line) for line in lines}) == 1
