"""A deterministic store of years of use: the same seed and last day always give the same rows.

Values and their 200 list revisions go through the real ValuesService (so the history replays to the
list); picks, reflections, repairs and feedback notes are bulk-inserted through the store's own tables
into a store that ``open_store`` has migrated to the current head, so the services read it as usual.

    python -m benchmarks.generate OUT.db [--days 3650] [--seed 7] [--end 2027-01-08]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select

from valuesapp.core import picking, states
from valuesapp.core.clock import FixedClock
from valuesapp.core.starter import STARTER_VALUES
from valuesapp.services import build_services
from valuesapp.store.engine import open_store
from valuesapp.store.tables import DailyPick, Feedback, Reflection, Repair, Revision, Value, ValuePrompt

TEN_YEARS = 3650
ONE_MONTH = 30


@dataclass(frozen=True)
class Shape:
    """How much of everything: ten years is the issue's figures; shorter spans are scaled down from it."""

    days: int
    values: int = 30
    revisions: int = 200
    reflections: int = 7300
    repairs: int = 600
    feedback: int = 1500
    open_repairs: int = 8  # a person keeps a handful open, whatever the years
    new_feedback: int = 4

    @classmethod
    def for_days(cls, days: int) -> Shape:
        if days >= TEN_YEARS:
            return cls(days)
        f = days / TEN_YEARS
        return cls(
            days,
            values=30,
            revisions=30 + max(2, round(170 * f)),
            reflections=max(1, round(7300 * f)),
            repairs=max(3, round(600 * f)),
            feedback=max(4, round(1500 * f)),
            open_repairs=3,
            new_feedback=2,
        )


MORE_VALUES = (
    ("Courtesy", "Manners are kindness made habit."),
    ("Frugality", "Spend on what matters; waste nothing else."),
    ("Humility", "I might be wrong; say so first."),
    ("Justice", "Fair to the absent as to the present."),
    ("Loyalty", "Stand by people when it costs."),
    ("Mäßigung", "Genug ist genug: Maß halten bei Essen, Arbeit und Ärger."),
    ("Équité", "Être juste envers chacun, même l'été quand tout est léger."),
    ("Ordnung", "Ein Platz für jedes Ding."),
    ("Resilience", "Bend, then come back."),
    ("Simplicity", "Fewer things, done well."),
    ("Sincérité", "Dire ce que je pense, penser ce que je dis."),
    ("Temperance", "Enough is a feast."),
    ("Thrift", "Mend before replacing."),
    ("Tranquility", "Do not be disturbed by trifles."),
    ("Discipline", "Do it when it is due, not when I feel like it."),
    ("Forgiveness", "Let go of what I cannot change."),
    ("Craft", "Care for the work no one sees."),
    ("Silence", "Speak only what may benefit others or myself."),
    ("Openness 🌱", "Try the new thing; 新しいこと."),
    ("Trust", "Assume good intent until shown otherwise."),
)

WORDS = {
    "en": ("today", "I", "told", "my", "sister", "the", "truth", "about", "money", "and", "felt", "lighter", "afterwards",
           "meeting", "colleague", "waited", "listened", "instead", "of", "interrupting", "promise", "kept", "broke",
           "morning", "walk", "lighthouse", "patience", "ran", "out", "apologised", "later", "call", "friend", "garden",
           "budget", "evening", "tired", "but", "honest", "small", "win", "hard", "conversation", "with", "landlord"),
    "de": ("heute", "habe", "ich", "meinem", "Bruder", "zugehört", "Ärger", "über", "die", "Bahn", "gelassen",
           "geblieben", "Mut", "gefasst", "Gespräch", "schwierig", "Größe", "zeigen", "Fehler", "zugeben", "müde",
           "aber", "ehrlich", "Straße", "überqueren", "Frühstück", "gemeinsam", "ÜBERRASCHUNG"),
    "fr": ("aujourd'hui", "j'ai", "été", "patient", "avec", "ma", "mère", "ÉTÉ", "chaleur", "pendant", "réunion",
           "écouté", "collègue", "sans", "l'interrompre", "promesse", "tenue", "soirée", "fatigué", "mais", "honnête",
           "déçu", "à", "côté", "forêt", "élève", "noël", "Œuvre"),
    "misc": ("🙂", "🌱", "🔥", "💬", "東京", "今日は", "正直", "勇気", "Привет", "терпение", "честно", "αλήθεια",
             "υπομονή", "naïve", "café", "résumé", "straße", "İstanbul", "ǅemal", "ﬁne", "Ⅻ", "½"),
}


def sentence(rng: random.Random) -> str:
    lang = rng.choices(("en", "de", "fr", "misc"), weights=(55, 20, 20, 5))[0]
    pool = WORDS[lang]
    words = [rng.choice(pool) for _ in range(rng.randint(5, 16))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(WORDS["misc"]))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "!", "?", " …"))


RARE_WORD = "Leuchtturmwärter"  # in about one reflection in 200: what a search for something specific finds


def reflection_text(rng: random.Random) -> str:
    if rng.random() < 0.08:  # a long evening: several paragraphs, up to several thousand characters
        paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(4, 12))) for _ in range(rng.randint(3, 9))]
        text = "\n\n".join(paragraphs)[:9_000]
    else:
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.005:
        text += f" Der {RARE_WORD} hat heute gewunken."
    return text


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)


def generate(path: Path, *, days: int, end: date, seed: int = 7) -> dict[str, int]:
    """Write a fresh store at ``path`` holding ``days`` days of use ending on ``end`` (today, usually)."""
    path = Path(path)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shape = Shape.for_days(days)
    rng = random.Random(seed * 1_000_003 + days)
    first = end - timedelta(days=days - 1)
    store = open_store(path)
    try:
        value_ids = _values(store, shape, first, end, rng)
        with store.session() as session:
            active = [v.id for v in session.exec(select(Value).where(Value.archived_at.is_(None)).order_by(Value.rank)).scalars()]
            picks = _picks(shape, first, active, rng)
            session.execute(insert(DailyPick), picks)
            session.execute(insert(Reflection), _reflections(shape, picks, end, rng))
            feedback = _feedback(shape, first, end, value_ids, rng)
            session.execute(insert(Feedback), feedback)
            session.execute(insert(Repair), _repairs(shape, first, end, value_ids, len(feedback), rng))
        return {"days": days, "values": len(value_ids), "reflections": shape.reflections, "picks": len(picks),
                "repairs": shape.repairs, "feedback": shape.feedback, "revisions": shape.revisions}
    finally:
        store.close()


def _values(store, shape: Shape, first: date, end: date, rng: random.Random) -> list[int]:
    """The list through the real service, so its revisions replay; the clock walks through the years."""
    clock = FixedClock(utc(first, 7))
    app = build_services(store, clock=clock, rng=random.Random(rng.random()), system_timezone="UTC")
    chosen = list(STARTER_VALUES) + list(MORE_VALUES)
    ids = [v.id for v in app.values.add_many(chosen[: shape.values])]
    for value_id in ids[::4]:
        app.values.add_prompt(value_id, f"Where did {app.values.get(value_id).title} cost me something today?")
    span = max(1, (end - first).days)
    count = lambda: _count(store, Revision)  # noqa: E731
    done = count()
    while done < shape.revisions:
        step = shape.revisions - done
        clock.set(utc(first + timedelta(days=span * (shape.revisions - step) // shape.revisions), 8, rng.randint(0, 59)))
        active = [v for v in app.values.list()]
        archived = [v for v in app.values.archived()]
        roll = rng.random()
        if roll < 0.08 and len(active) > 22:
            app.values.archive(rng.choice(active).id, rng.choice(("No longer mine.", "Folded into another value.",
                                                                   "Ça ne me parle plus.")))
        elif roll < 0.14 and archived:
            app.values.restore(rng.choice(archived).id)
        elif roll < 0.45:
            v = rng.choice(active)
            app.values.edit(v.id, description=v.description.rstrip(".") + rng.choice((".", "; still true.", " — même l'été.")))
        else:
            v = rng.choice(active)
            to = rng.randint(1, len(active))
            if to == v.rank:
                to = 1 if v.rank != 1 else len(active)
            app.values.move(v.id, to)
        done = count()
    return ids


def _count(store, table) -> int:
    from sqlalchemy import func

    with store.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def _picks(shape: Shape, first: date, active: list[int], rng: random.Random) -> list[dict]:
    rows = []
    n = len(active)
    order = active[:]
    for i in range(shape.days):
        cycle, position = divmod(i, n)
        if position == 0:
            rng.shuffle(order)
        day = first + timedelta(days=i)
        rows.append({
            "day": day, "value_id": order[position], "strategy": picking.ROTATION,
            "reason": "Next in your rotation: every value once before any repeats.", "cycle": cycle + 1,
            "created_at": utc(day, 4, 1),
        })
    return rows


def _reflections(shape: Shape, picks: list[dict], end: date, rng: random.Random) -> list[dict]:
    # Two a day on average; some days none (a broken streak now and then), some days three or four.
    per_day = [0] * len(picks)
    for _ in range(shape.reflections):
        per_day[rng.randrange(len(picks))] += 1
    rows = []
    for pick, count in zip(picks, per_day):
        for k in range(count):
            at = utc(pick["day"], 20 + k % 3, rng.randint(0, 59))
            rows.append({
                "day": pick["day"], "value_id": pick["value_id"] if rng.random() < 0.95 else None,
                "text": reflection_text(rng), "rating": rng.choice((None, 1, 2, 3, 3, 4, 4, 4, 5, 5)),
                "created_at": at, "updated_at": at,
            })
    return rows


FRIENDS = ("Sam", "Ana", "Jürgen", "Zoë", "Mateus", "Chloé", "Priya", "Олег", "美咲", "Ngozi")


def _feedback(shape: Shape, first: date, end: date, value_ids: list[int], rng: random.Random) -> list[dict]:
    rows = []
    for i in range(shape.feedback):
        day = first + timedelta(days=(end - first).days * i // max(1, shape.feedback - 1))
        fresh = i >= shape.feedback - shape.new_feedback
        state = states.NEW if fresh else rng.choice((states.ACKNOWLEDGED, states.ACTED_ON, states.ACTED_ON))
        at = utc(day, 12, rng.randint(0, 59))
        rows.append({
            "friend": rng.choice(FRIENDS), "received_on": day, "note": " ".join(sentence(rng) for _ in range(rng.randint(1, 3))),
            "kind": rng.choice(states.FEEDBACK_KINDS), "value_id": rng.choice(value_ids) if rng.random() < 0.7 else None,
            "state": state, "via_link": rng.random() < 0.2, "created_at": at, "updated_at": at,
        })
    return rows


def _repairs(shape: Shape, first: date, end: date, value_ids: list[int], feedback_count: int,
             rng: random.Random) -> list[dict]:
    rows = []
    for i in range(shape.repairs):
        day = first + timedelta(days=(end - first).days * i // max(1, shape.repairs - 1))
        at = utc(day, 18, rng.randint(0, 59))
        open_ = i >= shape.repairs - shape.open_repairs
        state = rng.choice((states.OWED, states.PLANNED)) if open_ else rng.choice((states.DONE, states.DONE, states.RELEASED))
        closed_at = at + timedelta(days=rng.randint(0, 20))
        rows.append({
            "person": rng.choice(FRIENDS), "what": sentence(rng), "kind": rng.choice(states.REPAIR_KINDS),
            "value_id": rng.choice(value_ids) if rng.random() < 0.8 else None,
            "target_date": day + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.5 else None,
            "state": state,
            "planned_for": day + timedelta(days=2) if state == states.PLANNED or rng.random() < 0.3 else None,
            "done_at": closed_at if state == states.DONE else None,
            "outcome_note": "Went better than feared." if state == states.DONE and rng.random() < 0.5 else None,
            "released_at": closed_at if state == states.RELEASED else None,
            "release_reason": "We talked it through another way." if state == states.RELEASED else None,
            "feedback_id": rng.randint(1, feedback_count) if rng.random() < 0.15 else None,
            "created_at": at, "updated_at": closed_at if not open_ else at,
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--days", type=int, default=TEN_YEARS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--end", type=date.fromisoformat, default=None, help="the last day (default: today in UTC)")
    args = parser.parse_args()
    end = args.end or datetime.now(timezone.utc).date()
    print(generate(args.out, days=args.days, end=end, seed=args.seed))


if __name__ == "__main__":
    main()
