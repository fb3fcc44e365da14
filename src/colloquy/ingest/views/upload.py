"""The upload screen's two steps: store and queue the file, then show the ingestion's progress (htmx polls the
status every two seconds) and go on to the proposals when it is done (ingest/background.py)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from colloquy.core import tasks
from colloquy.core.ratelimit import limit_per_organization
from colloquy.core.web import domain_errors, secretariat_required
from colloquy.ingest.background import is_upload_task, queue_upload
from colloquy.ingest.upload import read_upload


@secretariat_required
@domain_errors
def upload(request):
    """POST a file. A refused file comes back here as a GET (domain_errors), which shows the queue and the message."""
    if request.method != "POST":
        return redirect("ingest:queue")
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, gettext("Choose a file to upload."))
        return redirect("ingest:queue")
    limit_per_organization("upload", getattr(request.user, "organization_id", None))
    queued = queue_upload(data=read_upload(uploaded), name=uploaded.name, actor=request.user)
    if queued.is_finished:  # a backend that runs tasks at once (COLLOQUY_TASKS=immediate): no progress to show
        return _answer(request, queued)
    return redirect("ingest:progress", task_id=queued.id)


STATES = {
    tasks.TaskResultStatus.READY: gettext_lazy("Waiting for the worker to start reading it."),
    tasks.TaskResultStatus.RUNNING: gettext_lazy("Reading the report and extracting its records…"),
}


@secretariat_required
def progress(request, task_id):
    result = tasks.result(str(task_id))
    if not is_upload_task(result):
        raise Http404("No such upload.")
    return _answer(request, result)


def _answer(request, result):
    name = result.kwargs.get("name", "")
    value = result.return_value if result.status == tasks.TaskResultStatus.SUCCESSFUL else None
    if value and "source" in value:
        if value["created"]:
            messages.success(request, ngettext("%(name)s: %(count)s item proposed for review.",
                                               "%(name)s: %(count)s items proposed for review.",
                                               value["proposals"]) % {"name": name, "count": value["proposals"]})
        else:
            messages.info(request, gettext("%(name)s was already ingested; nothing new was created.") % {"name": name})
        url = reverse("ingest:document", args=[value["source"]])
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    error = (value or {}).get("error")
    if result.status == tasks.TaskResultStatus.FAILED:
        error = "The worker could not ingest it; the task results in the admin say why."
    context = {"name": name, "state": STATES.get(result.status, ""), "error": error, "result": result,
               "done": bool(error)}
    template = "ingest/_progress.html" if request.htmx else "ingest/progress.html"
    return render(request, template, context)
