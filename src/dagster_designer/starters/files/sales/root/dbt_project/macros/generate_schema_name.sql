{# A model's schema is the one its folder names (staging, marts), without dbt's prefix, so
   the tables are staging.stg_orders and marts.daily_revenue, as their asset keys say. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
