"""The learner view (and, without state, Studio's preview)."""

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from . import datasets as engine
from . import messages, render

loader = ResourceLoader("casestudy_xblock")


class ViewsMixin:
    """student_view; author_view (in studio.py) renders the same without learner state."""

    def student_view(self, context=None):
        return self.render_learner(preview=False)

    def js_strings(self):
        """Words case.js shows, already translated (the JS holds no text of its own)."""
        _ = self.gettext
        return {
            "loading": _("Loading…"),
            "submitting": _("Checking your answer…"),
            "networkError": _("The server could not be reached. Please try again."),
            "previous": _("Previous page"),
            "next": _("Next page"),
            "pageOf": _("Page %(page)s of %(pages)s"),
            "page": _("Page %(page)s"),
            "rowsTotal": _("%(total)s rows"),
            "sortBy": _("Sort by %(column)s"),
            "tableCaption": _("Rows of %(title)s"),
            "chartTable": _("The chart's data"),
            "noData": _("No rows to show."),
            "hintTitle": _("Hint %(n)s"),
            "hintsLeft": _("Hints left: %(count)s"),
            "correct": _("Correct"),
            "incorrect": _("Not correct"),
            "preview": _("This is a preview: answers are not saved."),
            "condition": _("Condition %(n)s"),
            "filterColumn": _("Column"),
            "filterOperator": _("Comparison"),
            "filterValue": _("Value"),
            "remove": _("Remove"),
            "removeCondition": _("Remove condition %(n)s"),
            "valueMissing": _("Enter a value for condition %(n)s."),
            "rowsMatch": _("%(count)s of %(total)s rows match"),
        }

    def filter_operators(self):
        """``{column kind: [[operator, label]]}``: what the filter builder offers per kind."""
        return {
            kind: [[op, self.gettext(messages.FILTER_OPERATORS[op])] for op in operators]
            for kind, operators in engine.OPERATORS_BY_KIND.items()
        }

    def render_learner(self, preview=False):
        context = render.learner_context(self, preview=preview)
        html = loader.render_django_template(
            "templates/casestudy_xblock/block/student.html",
            context,
            i18n_service=self.runtime.service(self, "i18n"),
        )
        fragment = Fragment(html)
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/css/case.css"))
        fragment.add_javascript_url(self.runtime.local_resource_url(self, "public/js/chart.js"))
        fragment.add_javascript_url(self.runtime.local_resource_url(self, "public/js/case.js"))
        fragment.initialize_js(
            "DxqCaseStudent",
            {
                "preview": preview,
                "strings": self.js_strings(),
                "operators": self.filter_operators(),
                "maxFilters": engine.MAX_FILTERS,
                "datasets": [
                    {"slug": d["slug"], "title": d["title"]["text"], "columns": d["columns"]}
                    for d in context["datasets"]
                    if d["ready"]
                ],
            },
        )
        return fragment
