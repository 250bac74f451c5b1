//! Volunteer needs, profiles and matching (being written).
