# The Colloquy image for compose.yaml: one image for the web, worker and migrate services.
FROM python:3.11-slim-bookworm

# WeasyPrint (PDF badges and lists) needs Pango; poppler is not needed at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /srv/colloquy colloquy
WORKDIR /srv/colloquy
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir ".[s3]"

ENV COLLOQUY_VAR=/srv/colloquy/var PYTHONUNBUFFERED=1
RUN install -d -o colloquy -g colloquy /srv/colloquy/var
USER colloquy
EXPOSE 8000
CMD ["colloquy", "serve", "--production", "0.0.0.0:8000"]
