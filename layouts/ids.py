"""Every component id of the app, kebab-case with the page as prefix."""

SHELL_LOCATION = "shell-location"
SHELL_NAV = "shell-nav"
SHELL_MAIN = "shell-main"
SHELL_TITLE = "shell-title"
SHELL_TITLE_SINK = "shell-title-sink"
SHELL_RENDERED = "shell-rendered"
SHELL_IMAGE_SINK = "shell-image-sink"
SHELL_COPY_LINK = "shell-copy-link"
SHELL_COPY_STATUS = "shell-copy-status"
SHELL_DATASET_BADGE = "shell-dataset-badge"

HOME_SUMMARY = "home-summary"
HOME_FINDINGS = "home-findings"
HOME_START = "home-start"

# Pathways (Sankey)
PATHWAYS_CONTENT = "pathways-content"
PATHWAYS_LEVEL = "pathways-level"
PATHWAYS_STEPS = "pathways-steps"
PATHWAYS_SECTOR = "pathways-sector"
PATHWAYS_ROLE = "pathways-role"
PATHWAYS_GROUP = "pathways-group"
PATHWAYS_COHORT = "pathways-cohort"
PATHWAYS_SHOW = "pathways-show"
PATHWAYS_CHART = "pathways-sankey"
PATHWAYS_GRAPH = "pathways-sankey-graph"

# Network

# Role profile and compare

# Route finder
ROUTES_CONTENT = "routes-content"
ROUTES_FROM = "routes-from-role"
ROUTES_TO = "routes-to-role"
ROUTES_STEPS = "routes-max-steps"
ROUTES_AVOID = "routes-avoid-sector"
ROUTES_K = "routes-count"
ROUTES_CHART = "routes-chart"
ROUTES_LIST = "routes-list"
ROUTES_EXAMPLES = "routes-examples"
ROUTES_NOTICE = "routes-notice"

# Barriers
BARRIERS_CONTENT = "barriers-content"
BARRIERS_SECTOR = "barriers-sector"
BARRIERS_STAGE = "barriers-stage"
BARRIERS_ATTRIBUTE = "barriers-attribute"
BARRIERS_VALUE = "barriers-value"
BARRIERS_COMPARE = "barriers-compare"
BARRIERS_GROUP_A = "barriers-group-a"
BARRIERS_GROUP_B = "barriers-group-b"
BARRIERS_AGREEMENT = "barriers-agreement"
BARRIERS_COMPARISON = "barriers-comparison"
BARRIERS_THEMES = "barriers-themes"
BARRIERS_ADVICE = "barriers-advice"
BARRIERS_MESSAGES = "barriers-messages"

# Mobility

# Advice library
ADVICE_CONTENT = "advice-content"
ADVICE_SEARCH = "advice-search"
ADVICE_SECTOR = "advice-sector"
ADVICE_STAGE = "advice-stage"
ADVICE_THEME = "advice-theme"
ADVICE_KIND = "advice-kind"
ADVICE_ROLE = "advice-role"
ADVICE_ROLE_CHIP = "advice-role-chip"
ADVICE_COUNT = "advice-count"
ADVICE_LIST = "advice-list"
ADVICE_EMPTY = "advice-empty"
ADVICE_CLEAR = "advice-clear"
ADVICE_DOWNLOAD = "advice-download"

# About
