"""The web app's pieces: `render` (escaped HTML), `service` (the assistant behind
a lock), `page` (the Gradio Blocks and launch). `app.py` puts them together.
"""

from webui.page import EXAMPLE_QUESTIONS, build_page, launch
from webui.service import BadRequest, ChatService

__all__ = ["EXAMPLE_QUESTIONS", "BadRequest", "ChatService", "build_page", "launch"]
