from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class PortalLanguageMiddleware:
    """Dutch unless the user chose otherwise: the language cookie, else his profile.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language does not count:
    the portal of the Flemish Government speaks Dutch by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

    def chosen_language(self, request: HttpRequest) -> str:
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.supported:
            return cookie
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.supported:
            return user.language
        return settings.LANGUAGE_CODE


class NoStoreMiddleware:
    """Pages of a signed-in user are never kept by a browser or proxy cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
