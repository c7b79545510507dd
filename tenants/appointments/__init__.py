"""The coordinator, the curator and the working group: appointments carried by orders."""
