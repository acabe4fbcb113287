from valuesapp.cli import run

run()
