"""billing-api: HTTP API."""

from fastapi import FastAPI

app = FastAPI(title="billing-api")


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness probe used by the image HEALTHCHECK."""
    return {"status": "ok"}


@app.get("/")
def root() -> dict[str, str]:
    return {"service": "billing-api"}
