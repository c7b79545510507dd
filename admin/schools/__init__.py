"""One school as the district sees it: its figures over the years, roadmap, orders, results."""
