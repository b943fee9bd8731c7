select
    o.order_id,
    o.customer_id,
    o.product_id,
    o.quantity,
    cast(o.ordered_at as date) as order_date,
    o.status,
    o.quantity * p.unit_price as amount
from {{ source('raw', 'orders') }} as o
join {{ ref('stg_products') }} as p using (product_id)
where o.status != 'cancelled'
