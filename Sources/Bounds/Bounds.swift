// Placeholder: filled by the Bounds issue.
import Exact
