"""The coordinator, the curator and the working group: appointments of the school, carried by orders."""
